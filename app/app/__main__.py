"""`python3 -m app`: the API server, the image's default command."""
from . import api, config

cfg = config.load("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL")
config.setup_logging(cfg.log_level)
api.serve(cfg)
