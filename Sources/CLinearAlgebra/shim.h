#ifndef HYDRAWATCH_CLINEARALGEBRA_SHIM_H
#define HYDRAWATCH_CLINEARALGEBRA_SHIM_H
#include <cblas.h>
/* LAPACK (Fortran symbols): Cholesky factor/solve and symmetric positive-definite solve. */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info);
#endif
