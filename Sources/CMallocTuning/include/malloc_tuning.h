// How the C library's allocator gives memory back, set once by the unionbatch executable.
#ifndef UNIONBATCH_MALLOC_TUNING_H
#define UNIONBATCH_MALLOC_TUNING_H

/// Freed memory at the top of a heap goes back to the system at once (glibc keeps up to 128 KiB by default,
/// and lets each thread's heap grow apart from the others).
void unionbatch_return_freed_memory(void);

#endif
