/* calbook-slots.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GPtrArray *calbook_slots_read_starts (JsonObject *days);

G_END_DECLS
