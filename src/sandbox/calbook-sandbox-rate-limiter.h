/* calbook-sandbox-rate-limiter.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _CalbookSandboxRateLimiter CalbookSandboxRateLimiter;

CalbookSandboxRateLimiter *calbook_sandbox_rate_limiter_new  (void);
void                       calbook_sandbox_rate_limiter_free (CalbookSandboxRateLimiter *self);
gboolean                   calbook_sandbox_rate_limiter_hit  (CalbookSandboxRateLimiter *self,
                                                              const char                *name,
                                                              const char                *tracker,
                                                              guint                      limit,
                                                              SoupMessageHeaders        *headers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxRateLimiter, calbook_sandbox_rate_limiter_free)

G_END_DECLS
