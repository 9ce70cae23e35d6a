/* calbook-welcome-page.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_WELCOME_PAGE (calbook_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (CalbookWelcomePage, calbook_welcome_page, CALBOOK, WELCOME_PAGE, GtkWidget)

GtkWidget *calbook_welcome_page_new         (void);
void       calbook_welcome_page_set_message (CalbookWelcomePage *self,
                                             const char         *message);
void       calbook_welcome_page_set_base_url (CalbookWelcomePage *self,
                                              const char         *base_url);

G_END_DECLS
