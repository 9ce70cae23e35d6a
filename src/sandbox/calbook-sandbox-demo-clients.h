/* calbook-sandbox-demo-clients.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-seed.h"

G_BEGIN_DECLS

/* Where a practitioner's clients come from */
typedef enum
{
  CALBOOK_SANDBOX_DEMO_REGION_BERLIN,
  CALBOOK_SANDBOX_DEMO_REGION_VIENNA,
  CALBOOK_SANDBOX_DEMO_REGION_ONLINE,
} CalbookSandboxDemoRegion;

GPtrArray *calbook_sandbox_demo_clients_new_caseload (GRand                    *rand,
                                                      CalbookSandboxDemoRegion  region,
                                                      guint                     n_clients,
                                                      GHashTable               *used_names);

G_END_DECLS
