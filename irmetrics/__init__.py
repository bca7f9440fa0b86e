"""irmetrics: quantitative facts from investor-relations text, with exact spans.

>>> import irmetrics
>>> facts = irmetrics.extract("公司客户涵盖 300 多所科研机构", date="2024-10-28")
>>> [(f.text, f.kind.value, f.low, f.qualifier.value) for f in facts]
[('300 多所', 'count', 300.0, '>')]
"""

from .corpus import FailedDocument, extract_many
from .documents import Document, read_document
from .errors import DocumentError, InputError, IrmetricsError, PackError, SkippedDocumentWarning
from .extractor import Extractor, extract
from .factset import COLUMNS, PAGE_COLUMNS, FactSet
from .model import Fact, FactKind, Qualifier
from .report import report_html
from .rules import RulePack, load_pack

__all__ = [
    "extract", "Extractor", "Fact", "FactKind", "Qualifier", "FactSet", "COLUMNS",
    "RulePack", "load_pack", "IrmetricsError", "InputError", "PackError",
    "extract_many", "PAGE_COLUMNS", "FailedDocument", "SkippedDocumentWarning",
    "Document", "read_document", "DocumentError", "report_html",
    "__version__",
]

__version__ = "0.1.0"
