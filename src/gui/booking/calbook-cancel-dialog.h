/* calbook-cancel-dialog.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_CANCEL_DIALOG (calbook_cancel_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CalbookCancelDialog, calbook_cancel_dialog, CALBOOK, CANCEL_DIALOG, AdwMessageDialog)

/* Asks for a reason (required when @reason_required: Cal.com wants one from
 * the organizer) and, for a series, whether the following ones go too;
 * responds "cancel-booking" */
CalbookCancelDialog *calbook_cancel_dialog_new                (GtkWindow           *parent,
                                                               CalbookBooking      *booking,
                                                               gboolean             reason_required);
char                *calbook_cancel_dialog_dup_reason         (CalbookCancelDialog *self);
gboolean             calbook_cancel_dialog_get_cancel_following (CalbookCancelDialog *self);

G_END_DECLS
