/* calbook-welcome-page-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-welcome-page.h"

G_BEGIN_DECLS

/* Hooks for the GUI tests: the fields a person fills in */
AdwComboRow *calbook_welcome_page_get_server_row     (CalbookWelcomePage *self);
AdwEntryRow *calbook_welcome_page_get_url_row        (CalbookWelcomePage *self);
AdwEntryRow *calbook_welcome_page_get_key_row        (CalbookWelcomePage *self);
GtkButton   *calbook_welcome_page_get_connect_button (CalbookWelcomePage *self);
GtkLabel    *calbook_welcome_page_get_error_label    (CalbookWelcomePage *self);

G_END_DECLS
