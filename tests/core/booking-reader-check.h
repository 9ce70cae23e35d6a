/* booking-reader-check.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

char *test_compare_booking_readers (const char *text,
                                    gsize       length,
                                    gboolean   *scanned);

G_END_DECLS
