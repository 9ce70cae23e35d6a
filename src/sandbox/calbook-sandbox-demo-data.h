/* calbook-sandbox-demo-data.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-db.h"

G_BEGIN_DECLS

gboolean calbook_sandbox_demo_data_populate (CalbookSandboxDb  *db,
                                             guint64            seed,
                                             gint64             now_ms,
                                             GError           **error);

G_END_DECLS
