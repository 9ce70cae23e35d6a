/* calbook-no-show-dialog.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_NO_SHOW_DIALOG (calbook_no_show_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CalbookNoShowDialog, calbook_no_show_dialog, CALBOOK, NO_SHOW_DIALOG, AdwMessageDialog)

/* Who did not come (the host, attendees); responds "mark" when something changed */
CalbookNoShowDialog *calbook_no_show_dialog_new                (GtkWindow           *parent,
                                                                CalbookBooking      *booking);
JsonObject          *calbook_no_show_dialog_build_body         (CalbookNoShowDialog *self);
/* The body that puts back what was there before */
JsonObject          *calbook_no_show_dialog_build_reverse_body (CalbookNoShowDialog *self);
/* "Ann marked as no-show" */
char                *calbook_no_show_dialog_describe           (CalbookNoShowDialog *self);

G_END_DECLS
