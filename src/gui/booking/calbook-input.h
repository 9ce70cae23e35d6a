/* calbook-input.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the booking dialogs check in what a person types */
gboolean   calbook_input_is_blank        (const char  *text);
gboolean   calbook_input_is_email        (const char  *text);
gboolean   calbook_input_is_phone        (const char  *text);
/* The editable's text without surrounding spaces; NULL when blank */
char      *calbook_input_dup_text        (GtkEditable *editable);
/* Splits "a@x.org, b@y.org; c@z.org" into addresses (blank parts dropped) */
GStrv      calbook_input_split_emails    (const char  *text);
/* Marks an entry (row) as wrong, or not */
void       calbook_input_set_error       (GtkWidget   *widget,
                                          gboolean     error);
/* AdwMessageDialog's response buttons are mnemonic labels, which GTK 4.8
 * announces as "_Decline Decline": give each its plain label */
void       calbook_input_fix_button_names (GtkWidget  *widget);

G_END_DECLS
