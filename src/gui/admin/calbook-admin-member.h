/* calbook-admin-member.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "calbook-person.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_ADMIN_MEMBER (calbook_admin_member_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminMember, calbook_admin_member, CALBOOK, ADMIN_MEMBER, GObject)

/* One member in the member picker: who, and whether the filter takes them */
CalbookAdminMember *calbook_admin_member_new          (const CalbookPerson *person);
gint64              calbook_admin_member_get_user_id  (CalbookAdminMember  *self);
const char         *calbook_admin_member_get_name     (CalbookAdminMember  *self);
const char         *calbook_admin_member_get_email    (CalbookAdminMember  *self);
gboolean            calbook_admin_member_get_selected (CalbookAdminMember  *self);
void                calbook_admin_member_set_selected (CalbookAdminMember  *self,
                                                       gboolean             selected);

G_END_DECLS
