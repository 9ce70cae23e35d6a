/* calbook-sandbox-organizations.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-request.h"

G_BEGIN_DECLS

void calbook_sandbox_organizations_me          (CalbookSandboxRequest *req);
void calbook_sandbox_organizations_bookings    (CalbookSandboxRequest *req,
                                                const char            *org_id);
void calbook_sandbox_organizations_memberships (CalbookSandboxRequest *req,
                                                const char            *org_id);

G_END_DECLS
