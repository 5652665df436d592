/* Test-only stand-in for Windows' ucrtbase.dll, built into the Wine prefix's system32 by
 * installer/build_windows_wine.sh. Never part of the bundle: the script fails if it lands in dist/.
 *
 * Wine 8's ucrtbase has the C99 complex functions only as stubs that abort when called, and
 * numpy 2 (for OCR) calls them when it is imported, so neither PyInstaller's analysis nor the OCR
 * step could run. The script copies Wine's own ucrtbase to ucrtwine.dll; this DLL forwards every
 * other export there (ucrtbase_standin.def, generated) and gives these functions, computed by
 * MinGW's C library (linked statically; it calls msvcrt.dll, never ucrtbase).
 *
 * The structures are the Microsoft C library's _Fcomplex, _Dcomplex and _Lcomplex (whose long
 * double is a double); GCC for Windows passes and returns them as MSVC does.
 */
#include <complex.h>

typedef struct { float re, im; } fcomplex;
typedef struct { double re, im; } dcomplex;

static double _Complex from_d(dcomplex z) { return __builtin_complex(z.re, z.im); }
static float _Complex from_f(fcomplex z) { return __builtin_complex(z.re, z.im); }
static dcomplex to_d(double _Complex z) { dcomplex out = {__real__ z, __imag__ z}; return out; }
static fcomplex to_f(float _Complex z) { fcomplex out = {__real__ z, __imag__ z}; return out; }

/* nb_NAME is exported as NAME, NAMEf as the float form and NAMEl as the long double one. */
#define UNARY(name)                                                                 \
    dcomplex nb_##name(dcomplex z) { return to_d(name(from_d(z))); }                \
    dcomplex nb_##name##l(dcomplex z) { return to_d(name(from_d(z))); }             \
    fcomplex nb_##name##f(fcomplex z) { return to_f(name##f(from_f(z))); }
UNARY(cexp)
UNARY(ccos)
UNARY(ccosh)
UNARY(csin)
UNARY(csinh)
UNARY(ctan)
UNARY(ctanh)

#define REAL(name)                                                                  \
    double nb_##name(dcomplex z) { return name(from_d(z)); }                        \
    double nb_##name##l(dcomplex z) { return name(from_d(z)); }                     \
    float nb_##name##f(fcomplex z) { return name##f(from_f(z)); }
REAL(carg)
REAL(cimag)
REAL(creal)
REAL(cabs)

dcomplex nb_cpow(dcomplex x, dcomplex y) { return to_d(cpow(from_d(x), from_d(y))); }
dcomplex nb_cpowl(dcomplex x, dcomplex y) { return to_d(cpow(from_d(x), from_d(y))); }
fcomplex nb_cpowf(fcomplex x, fcomplex y) { return to_f(cpowf(from_f(x), from_f(y))); }
