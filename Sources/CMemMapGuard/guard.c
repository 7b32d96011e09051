#include "CMemMapGuard.h"
