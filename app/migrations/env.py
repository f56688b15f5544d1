"""Alembic's environment: the database is DATABASE_URL, the only variable migrations need."""
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from app import config as app_config

if context.config.config_file_name is not None:
    fileConfig(context.config.config_file_name)

url = app_config.require("DATABASE_URL")["DATABASE_URL"]
engine = create_engine(url, poolclass=pool.NullPool, connect_args={"connect_timeout": 10})

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
