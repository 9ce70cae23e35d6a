/* calbook-error.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-error.h"

G_DEFINE_QUARK (calbook-api-error-quark, calbook_api_error)
G_DEFINE_QUARK (calbook-booking-error-quark, calbook_booking_error)
G_DEFINE_QUARK (calbook-store-error-quark, calbook_store_error)
G_DEFINE_QUARK (calbook-secret-error-quark, calbook_secret_error)
