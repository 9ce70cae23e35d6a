/* calbook-sandbox-seed.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-db.h"

G_BEGIN_DECLS

gboolean calbook_sandbox_seed_populate (CalbookSandboxDb  *db,
                                        guint64            seed,
                                        guint              n_bookings,
                                        gint64             now_ms,
                                        GError           **error);

G_END_DECLS
