"""zorgvuldig: privacy-by-design samenwerkingsplatform voor het sociaal domein."""

__version__ = "0.1.0"
