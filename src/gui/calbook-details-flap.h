/* calbook-details-flap.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_DETAILS_FLAP (calbook_details_flap_get_type ())

G_DECLARE_FINAL_TYPE (CalbookDetailsFlap, calbook_details_flap, CALBOOK, DETAILS_FLAP, GObject)

/*
 * The rules of a pane of details at the side of a list or calendar, kept
 * once for every window that has one: open while something is selected;
 * in a narrow window (folded: the pane covers the content) only once it was
 * asked for (the item was activated). "closed" tells that the person closed
 * it (a click beside it or Escape in a narrow window): the selection should
 * be put down.
 */

CalbookDetailsFlap *calbook_details_flap_new          (AdwFlap            *flap);
/* @requested: the selected item was activated (opens the pane when narrow) */
void                calbook_details_flap_update       (CalbookDetailsFlap *self,
                                                       gboolean            selected,
                                                       gboolean            requested);
gboolean            calbook_details_flap_get_revealed (CalbookDetailsFlap *self);
gboolean            calbook_details_flap_get_folded   (CalbookDetailsFlap *self);

G_END_DECLS
