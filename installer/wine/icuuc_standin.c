/* Test-only stand-in for Windows' icuuc.dll, built into the Wine prefix's system32 by
 * installer/build_windows_wine.sh. Never part of the bundle: the script fails if it lands in dist/.
 *
 * Qt 6.10+ for Windows links the ICU that Windows 10 1903+ and 11 carry, for QStringConverter's
 * legacy code pages only (these ucnv_* functions); Wine 8 has no icuuc.dll, so Qt6Core.dll would
 * not load. The app decodes every file in Python and never asks Qt for a code page, so here every
 * converter fails to open, which Qt reports as an unavailable encoding.
 */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

__declspec(dllexport) void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err != NULL && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

/* Nothing below is reached without an open converter; each answers "nothing" if it is. */
#define NOTHING(name) __declspec(dllexport) void *name(void) { return NULL; }
NOTHING(ucnv_close)
NOTHING(ucnv_reset)
NOTHING(ucnv_getMaxCharSize)
NOTHING(ucnv_getName)
NOTHING(ucnv_getToUCallBack)
NOTHING(ucnv_getFromUCallBack)
NOTHING(ucnv_setToUCallBack)
NOTHING(ucnv_setFromUCallBack)
NOTHING(ucnv_cbToUWriteUChars)
NOTHING(ucnv_cbFromUWriteUChars)
NOTHING(ucnv_toUnicode)
NOTHING(ucnv_fromUnicode)
NOTHING(ucnv_toUCountPending)
NOTHING(ucnv_fromUCountPending)
NOTHING(ucnv_getStandardName)
NOTHING(ucnv_getAvailableName)
NOTHING(ucnv_countAvailable)
NOTHING(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
NOTHING(UCNV_TO_U_CALLBACK_SUBSTITUTE)
