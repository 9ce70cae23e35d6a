/* calbook-decline-dialog.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_DECLINE_DIALOG (calbook_decline_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CalbookDeclineDialog, calbook_decline_dialog, CALBOOK, DECLINE_DIALOG, AdwMessageDialog)

/* Asks whether to decline a request, and why (optional); responds "decline" */
CalbookDeclineDialog *calbook_decline_dialog_new        (GtkWindow            *parent,
                                                         CalbookBooking       *booking);
/* (nullable): the reason typed, trimmed */
char                 *calbook_decline_dialog_dup_reason (CalbookDeclineDialog *self);

G_END_DECLS
