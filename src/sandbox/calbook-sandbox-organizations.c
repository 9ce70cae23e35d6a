/* calbook-sandbox-organizations.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-bookings-list.h"
#include "calbook-sandbox-organizations.h"

/* Auxiliary methods */

/* IsOrgGuard + RolesGuard(ORG_ADMIN) + IsAdminAPIEnabledGuard: answers 403
 * unless the caller is an ADMIN or OWNER of @org_id and the organization
 * has Admin API access. */
static gboolean
check_org_admin (CalbookSandboxRequest *req,
                 const char            *org_id)
{
  gint64 id = g_ascii_strtoll (org_id, NULL, 10);

  if (id != req->organization_id)
    {
      g_autofree char *message = g_strdup_printf ("RolesGuard - User is not a member of the organization with id=%s.", org_id);

      calbook_sandbox_reply_error (req, 403, message);
      return FALSE;
    }

  if (!calbook_sandbox_request_is_admin (req))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf ("RolesGuard - user with id=%" G_GINT64_FORMAT " does not have the minimum"
                                 " required role=ORG_ADMIN within organization with id=%s.",
                                 req->user->id, org_id);
      calbook_sandbox_reply_error (req, 403, message);
      return FALSE;
    }

  if (req->no_admin_api)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf ("IsAdminAPIEnabledGuard - Organization with id=%s does not have Admin API access."
                                 " Please contact https://cal.com/sales to upgrade.", org_id);
      calbook_sandbox_reply_error (req, 403, message);
      return FALSE;
    }

  return TRUE;
}

/* Public API */

void
calbook_sandbox_organizations_me (CalbookSandboxRequest *req)
{
  JsonNode *node;
  JsonObject *me;
  JsonObject *organization;

  if (!calbook_sandbox_request_require_auth (req))
    return;

  me = json_object_new ();
  json_object_set_int_member (me, "id", req->user->id);
  json_object_set_string_member (me, "username", req->user->username);
  json_object_set_string_member (me, "email", req->user->email);
  json_object_set_string_member (me, "name", req->user->name);
  json_object_set_null_member (me, "avatarUrl");
  json_object_set_null_member (me, "bio");
  json_object_set_int_member (me, "timeFormat", 24);
  json_object_set_int_member (me, "defaultScheduleId", 900 + req->user->id);
  json_object_set_string_member (me, "weekStart", "Monday");
  json_object_set_string_member (me, "timeZone", req->user->time_zone);
  json_object_set_int_member (me, "organizationId", req->organization_id);
  organization = json_object_new ();
  json_object_set_int_member (organization, "id", req->organization_id);
  json_object_set_boolean_member (organization, "isPlatform", FALSE);
  json_object_set_object_member (me, "organization", organization);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, me);
  calbook_sandbox_reply_success (req, 200, node);
}

void
calbook_sandbox_organizations_bookings (CalbookSandboxRequest *req,
                                        const char            *org_id)
{
  const char *user_ids_param;
  g_autoptr(GArray) user_ids = NULL;
  g_auto(GStrv) parts = NULL;

  if (!calbook_sandbox_request_require_auth (req) || !check_org_admin (req, org_id))
    return;

  user_ids_param = calbook_sandbox_request_get_param (req, "userIds");
  if (user_ids_param == NULL || *user_ids_param == '\0')
    {
      calbook_sandbox_bookings_list (req, CALBOOK_SANDBOX_SCOPE_ORGANIZATION, NULL);
      return;
    }

  user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  parts = g_strsplit (user_ids_param, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;
      char *end = NULL;

      g_strstrip (parts[i]);
      id = g_ascii_strtoll (parts[i], &end, 10);
      if (end == parts[i] || *end != '\0')
        {
          g_autoptr(JsonArray) errors = json_array_new ();

          json_array_add_object_element (errors,
                                         calbook_sandbox_validation_error_new ("userIds", "isNumber",
                                                                               "each value in userIds must be a number conforming to the specified constraints"));
          calbook_sandbox_reply_validation (req, errors);
          return;
        }

      if (calbook_sandbox_db_find_user_by_id (req->db, id) == NULL)
        {
          calbook_sandbox_reply_error (req, 403, "You do not have permissions to fetch bookings for specified userIds");
          return;
        }

      g_array_append_val (user_ids, id);
    }

  calbook_sandbox_bookings_list (req, CALBOOK_SANDBOX_SCOPE_USERS, user_ids);
}

void
calbook_sandbox_organizations_memberships (CalbookSandboxRequest *req,
                                           const char            *org_id)
{
  GPtrArray *users;
  JsonArray *data;
  JsonNode *node;
  const char *take_param;
  const char *skip_param;
  gint64 take = 250;
  gint64 skip = 0;

  if (!calbook_sandbox_request_require_auth (req) || !check_org_admin (req, org_id))
    return;

  take_param = calbook_sandbox_request_get_param (req, "take");
  skip_param = calbook_sandbox_request_get_param (req, "skip");
  if (take_param != NULL)
    take = CLAMP (g_ascii_strtoll (take_param, NULL, 10), 1, 250);
  if (skip_param != NULL)
    skip = MAX (0, g_ascii_strtoll (skip_param, NULL, 10));

  users = calbook_sandbox_db_get_users (req->db);
  data = json_array_new ();
  for (gint64 i = skip; i < (gint64) users->len && i < skip + take; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (users, i);
      JsonObject *membership = json_object_new ();
      JsonObject *member = json_object_new ();

      json_object_set_int_member (membership, "id", user->membership_id);
      json_object_set_int_member (membership, "userId", user->id);
      json_object_set_int_member (membership, "teamId", req->organization_id);
      json_object_set_boolean_member (membership, "accepted", TRUE);
      json_object_set_string_member (membership, "role", user->role);
      json_object_set_boolean_member (membership, "disableImpersonation", FALSE);
      json_object_set_string_member (member, "email", user->email);
      json_object_set_string_member (member, "username", user->username);
      json_object_set_string_member (member, "name", user->name);
      json_object_set_null_member (member, "avatarUrl");
      json_object_set_null_member (member, "bio");
      json_object_set_object_member (member, "metadata", json_object_new ());
      json_object_set_object_member (membership, "user", member);
      json_object_set_array_member (membership, "attributes", json_array_new ());
      json_array_add_object_element (data, membership);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, data);
  calbook_sandbox_reply_success (req, 200, node);
}
