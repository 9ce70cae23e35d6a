/* calbook-sandbox-bookings-list.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-request.h"

G_BEGIN_DECLS

typedef enum
{
  CALBOOK_SANDBOX_SCOPE_OWN,          /* organizer or attendee */
  CALBOOK_SANDBOX_SCOPE_ORGANIZATION, /* every booking of the organization */
  CALBOOK_SANDBOX_SCOPE_USERS,        /* organizer or attendee is one of user_ids */
} CalbookSandboxScope;

void calbook_sandbox_bookings_list        (CalbookSandboxRequest *req,
                                           CalbookSandboxScope    scope,
                                           GArray                *user_ids);
void calbook_sandbox_bookings_list_legacy (CalbookSandboxRequest *req);

G_END_DECLS
