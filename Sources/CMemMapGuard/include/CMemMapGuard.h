#ifndef CMEMMAPGUARD_H
#define CMEMMAPGUARD_H
#endif
