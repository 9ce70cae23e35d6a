/* calbook-sandbox-mutation-log.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "calbook-sandbox-request.h"

G_BEGIN_DECLS

/* The header a client may send to name a change it makes; a create's
 * metadata.calbookRequestId counts as well. Cal.com ignores both. */
#define CALBOOK_SANDBOX_REQUEST_ID_HEADER "X-Calbook-Request-Id"
#define CALBOOK_SANDBOX_REQUEST_ID_METADATA "calbookRequestId"

/* The sandbox's own record of every change it applied for a client, so
 * tests can tell "applied once" from "applied twice" or "lost". */
typedef struct _CalbookSandboxMutationLog CalbookSandboxMutationLog;

CalbookSandboxMutationLog *calbook_sandbox_mutation_log_new     (void);
void                       calbook_sandbox_mutation_log_free    (CalbookSandboxMutationLog *self);
void                       calbook_sandbox_mutation_log_record  (CalbookSandboxMutationLog *self,
                                                                 CalbookSandboxRequest     *req);
void                       calbook_sandbox_mutation_log_clear   (CalbookSandboxMutationLog *self);
JsonNode                  *calbook_sandbox_mutation_log_to_json (CalbookSandboxMutationLog *self,
                                                                 const char                *request_id,
                                                                 const char                *uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxMutationLog, calbook_sandbox_mutation_log_free)

G_END_DECLS
