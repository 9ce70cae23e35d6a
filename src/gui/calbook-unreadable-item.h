/* calbook-unreadable-item.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "calbook-rejected-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_UNREADABLE_ITEM (calbook_unreadable_item_get_type ())

G_DECLARE_FINAL_TYPE (CalbookUnreadableItem, calbook_unreadable_item, CALBOOK, UNREADABLE_ITEM, GObject)

CalbookUnreadableItem *calbook_unreadable_item_new        (const CalbookRejectedBooking *rejected);
const char            *calbook_unreadable_item_get_title  (CalbookUnreadableItem        *self);
const char            *calbook_unreadable_item_get_reason (CalbookUnreadableItem        *self);
const char            *calbook_unreadable_item_get_seen   (CalbookUnreadableItem        *self);
const char            *calbook_unreadable_item_get_text   (CalbookUnreadableItem        *self);

G_END_DECLS
