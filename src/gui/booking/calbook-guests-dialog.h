/* calbook-guests-dialog.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_GUESTS_DIALOG (calbook_guests_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CalbookGuestsDialog, calbook_guests_dialog, CALBOOK, GUESTS_DIALOG, AdwMessageDialog)

/* E-mail addresses to add, checked and without repeats; responds "add" */
CalbookGuestsDialog *calbook_guests_dialog_new        (GtkWindow           *parent,
                                                       CalbookBooking      *booking);
/* (transfer full) (element-type CalbookPerson) */
GPtrArray           *calbook_guests_dialog_get_guests (CalbookGuestsDialog *self);

G_END_DECLS
