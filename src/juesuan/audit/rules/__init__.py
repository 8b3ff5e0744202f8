"""Rule modules, one per family; importing this package registers every rule."""

from juesuan.audit.rules import completeness as completeness
from juesuan.audit.rules import corpus as corpus
from juesuan.audit.rules import crossref as crossref
from juesuan.audit.rules import forms as forms
from juesuan.audit.rules import hygiene as hygiene
from juesuan.audit.rules import identity as identity
from juesuan.audit.rules import narrative as narrative
from juesuan.audit.rules import scoring as scoring
from juesuan.audit.rules import summary as summary
from juesuan.audit.rules import tables as tables
