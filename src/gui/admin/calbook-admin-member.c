/* calbook-admin-member.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-admin-member.h"
#include "calbook-booking-text.h"

struct _CalbookAdminMember
{
  GObject   parent_instance;

  gint64    user_id;
  char     *name;
  char     *email;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (CalbookAdminMember, calbook_admin_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_EMAIL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GObject overrides */

static void
calbook_admin_member_finalize (GObject *object)
{
  CalbookAdminMember *self = CALBOOK_ADMIN_MEMBER (object);

  g_free (self->name);
  g_free (self->email);

  G_OBJECT_CLASS (calbook_admin_member_parent_class)->finalize (object);
}

static void
calbook_admin_member_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CalbookAdminMember *self = CALBOOK_ADMIN_MEMBER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_member_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CalbookAdminMember *self = CALBOOK_ADMIN_MEMBER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      calbook_admin_member_set_selected (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_member_class_init (CalbookAdminMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_admin_member_finalize;
  object_class->get_property = calbook_admin_member_get_property;
  object_class->set_property = calbook_admin_member_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_admin_member_init (CalbookAdminMember *self)
{
}

/* Public API */

CalbookAdminMember *
calbook_admin_member_new (const CalbookPerson *person)
{
  CalbookAdminMember *self;

  g_return_val_if_fail (person != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_ADMIN_MEMBER, NULL);
  self->user_id = person->user_id;
  /* Labels lay these out whole: cut what Cal.com sent */
  self->name = calbook_booking_text_shorten (calbook_person_get_label (person));
  self->email = calbook_booking_text_shorten (person->email);

  return self;
}

gint64
calbook_admin_member_get_user_id (CalbookAdminMember *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_MEMBER (self), 0);

  return self->user_id;
}

const char *
calbook_admin_member_get_name (CalbookAdminMember *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_MEMBER (self), NULL);

  return self->name;
}

const char *
calbook_admin_member_get_email (CalbookAdminMember *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_MEMBER (self), NULL);

  return self->email;
}

gboolean
calbook_admin_member_get_selected (CalbookAdminMember *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_MEMBER (self), FALSE);

  return self->selected;
}

void
calbook_admin_member_set_selected (CalbookAdminMember *self,
                                   gboolean            selected)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_MEMBER (self));

  selected = !!selected;
  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
