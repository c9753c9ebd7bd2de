"""rushes: from a shoot's raw footage to an editor-ready first cut.

>>> import rushes
>>> rushes.__version__
'0.1.0'
"""

__version__ = "0.1.0"
