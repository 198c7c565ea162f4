"""The admin API (``/v1/admin/…``): curators' reads and writes of the event set, behind bearer tokens.

Every route here is guarded by ``guard.require_token``; writes need a token that is not read-only, and are made
in the token's name (the audit log's actor). Validation problems answer 422 naming the field.
"""

from backstory.api.admin.audit import AuditController
from backstory.api.admin.drafts import DraftsController
from backstory.api.admin.feedback import FeedbackAdminController
from backstory.api.admin.records import EntitiesController, EventsController, StoriesAdminController
from backstory.api.admin.suggestions import SuggestionsController
from backstory.api.admin.transfer import TransferController

ADMIN_CONTROLLERS = [
    StoriesAdminController,
    EntitiesController,
    EventsController,
    TransferController,
    AuditController,
    FeedbackAdminController,
    SuggestionsController,
    DraftsController,
]

__all__ = ["ADMIN_CONTROLLERS"]
