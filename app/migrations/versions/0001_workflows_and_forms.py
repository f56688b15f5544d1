"""Workflows and forms.

Revision ID: 0001
Revises:
"""
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE workflows (
            id uuid PRIMARY KEY,
            queue text NOT NULL,
            seconds double precision NOT NULL,
            status text NOT NULL,
            worker text,
            runs integer NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX workflows_created_at ON workflows (created_at DESC)")
    op.execute("CREATE TABLE forms (id serial PRIMARY KEY, name text NOT NULL UNIQUE, fields jsonb NOT NULL)")
    op.execute(
        """
        INSERT INTO forms (name, fields) VALUES
            ('intake', '[{"name": "title", "type": "text"}, {"name": "due", "type": "date"}]'),
            ('approval', '[{"name": "approver", "type": "text"}, {"name": "approved", "type": "boolean"}]')
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE forms")
    op.execute("DROP TABLE workflows")
