/* Test-only stand-in for Windows' bcryptprimitives.dll, built into the Wine prefix's system32 by
 * installer/build_windows_wine.sh. Never part of the bundle: the script fails if it lands in dist/.
 *
 * cryptography (imported by pdfminer for encrypted PDFs) takes its random bytes from
 * ProcessPrng, which Windows 10 and 11 export here and Wine 8 does not. Real random bytes are
 * given, from RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
