"""The languages speech can be heard in: Whisper's codes, kept here so that settings are
checked when they load without importing the recogniser.

>>> "ru" in WHISPER
True
"""

WHISPER = tuple(
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha "
    "haw he hi hr ht hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr "
    "ms mt my ne nl nn no oc pa pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th "
    "tk tl tr tt uk ur uz vi yi yo zh yue".split()
)


def check_language(value) -> str | None:
    """Why ``[speech] language`` cannot be used, or None."""
    if value == "auto" or value in WHISPER:
        return None
    return (f"[speech] language {value!r} is not a language Whisper knows: auto, or one of "
            f"{' '.join(WHISPER)}")  # fmt: skip
