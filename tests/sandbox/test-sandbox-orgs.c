/* test-sandbox-orgs.c: an organization without Admin API access, and a
 * team with a team admin
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

#define NOW_2030 G_GINT64_CONSTANT (1893456000)
#define ZOE_ID 103
#define JOSE_CONSULTATION 1032
#define LIAM_CONSULTATION 1052
#define MSG_NO_ADMIN_API "IsAdminAPIEnabledGuard - Organization with id=7001 does not have Admin API access." \
                         " Please contact https://cal.com/sales to upgrade."
#define MSG_NOT_ADMIN "RolesGuard - user with id=103 does not have the minimum required role=ORG_ADMIN" \
                      " within organization with id=7001."

/* Auxiliary methods */

static gint64
total_of (SandboxFixture *fixture,
          const char     *path,
          const char     *username)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, sandbox_fixture_key (fixture, username),
                                                   V_BOOKINGS, NULL);

  return json_object_get_int_member (json_object_get_object_member (sandbox_reply_object (reply), "pagination"),
                                     "totalItems");
}

/* Organizer id → number of bookings, of everything @username lists */
static GHashTable *
organizers_of (SandboxFixture *fixture,
               const char     *username)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (gint64 skip = 0;; skip += 250)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&skip=%" G_GINT64_FORMAT, skip);
      g_autoptr(SandboxReply) page = sandbox_request (fixture, "GET", path, sandbox_fixture_key (fixture, username),
                                                      V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (page);

      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonObject *host = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (data, i), "hosts"), 0);
          gint64 id = json_object_get_int_member (host, "id");
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ids, &id));

          g_hash_table_replace (ids, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
        }
      if (json_array_get_length (data) < 250)
        break;
    }

  return ids;
}

static guint
count_of (GHashTable *ids,
          gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ids, &id));
}

static char *
create_pending (SandboxFixture *fixture,
                gint64          event_type_id,
                const char     *start)
{
  g_autofree char *body = g_strdup_printf ("{\"start\":\"%s\",\"eventTypeId\":%" G_GINT64_FORMAT ","
                                           "\"attendee\":{\"name\":\"Ana Ruiz\",\"email\":\"ana@example.com\","
                                           "\"timeZone\":\"Europe/Madrid\"}}", start, event_type_id);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, body);
  JsonObject *booking = sandbox_reply_data_object (reply);

  g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "pending");
  return g_strdup (json_object_get_string_member (booking, "uid"));
}

static guint
confirm (SandboxFixture *fixture,
         const char     *uid,
         const char     *username)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s/confirm", uid);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "POST", path, sandbox_fixture_key (fixture, username),
                                                   V_BOOKINGS, NULL);

  return reply->status;
}

static void
put_team (SandboxFixture *fixture)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "PUT", "/_sandbox/teams/8001", NULL, NULL,
                                                   "{\"name\":\"Coaching\",\"members\":["
                                                   "{\"userId\":103,\"role\":\"ADMIN\"},"
                                                   "{\"userId\":104,\"role\":\"MEMBER\"},"
                                                   "{\"userId\":105,\"role\":\"MEMBER\"}]}");

  g_assert_cmpuint (reply->status, ==, 200);
}

/* Tests */

static void
test_no_admin_api (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  gint64 org_wide = total_of (fixture, "/v2/bookings", "sofia.rossi");
  gint64 own = total_of (fixture, "/v2/bookings", "zoe.odegaard");
  g_autoptr(SandboxReply) off = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL, "{\"adminApi\":false}");
  g_autoptr(SandboxReply) bookings = NULL;
  g_autoptr(SandboxReply) memberships = NULL;
  g_autoptr(SandboxReply) member = NULL;
  g_autoptr(SandboxReply) on = NULL;
  g_autoptr(SandboxReply) allowed = NULL;

  g_assert_false (json_object_get_boolean_member (sandbox_reply_data_object (off), "adminApi"));
  bookings = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", sandbox_fixture_key (fixture, "sofia.rossi"),
                              V_BOOKINGS, NULL);
  sandbox_assert_error (bookings, 403, "ForbiddenException", MSG_NO_ADMIN_API);
  memberships = sandbox_request (fixture, "GET", "/v2/organizations/7001/memberships",
                                 sandbox_fixture_key (fixture, "max.mueller"), NULL, NULL);
  sandbox_assert_error (memberships, 403, "ForbiddenException", MSG_NO_ADMIN_API);
  /* The role is checked first */
  member = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", sandbox_fixture_key (fixture, "zoe.odegaard"),
                            V_BOOKINGS, NULL);
  sandbox_assert_error (member, 403, "ForbiddenException", MSG_NOT_ADMIN);

  /* /v2/bookings still gives an admin the organization's union */
  g_assert_cmpint (org_wide, >, own);
  g_assert_cmpint (total_of (fixture, "/v2/bookings", "sofia.rossi"), ==, org_wide);
  g_assert_cmpint (total_of (fixture, "/v2/bookings", "zoe.odegaard"), ==, own);

  on = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL, "{\"adminApi\":true}");
  g_assert_cmpuint (on->status, ==, 200);
  allowed = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", sandbox_fixture_key (fixture, "sofia.rossi"),
                             V_BOOKINGS, NULL);
  g_assert_cmpuint (allowed->status, ==, 200);
}

static void
test_team_admin_sees_team (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(GHashTable) before = organizers_of (fixture, "zoe.odegaard");
  g_autoptr(GHashTable) with_team = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) as_member = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(SandboxReply) deleted = NULL;
  g_autoptr(SandboxReply) again = NULL;
  gint64 own = total_of (fixture, "/v2/bookings", "zoe.odegaard");

  put_team (fixture);
  with_team = organizers_of (fixture, "zoe.odegaard");
  all = organizers_of (fixture, "sofia.rossi");
  g_assert_cmpuint (count_of (with_team, ZOE_ID), ==, count_of (before, ZOE_ID));
  /* Her team's bookings: every one José and Aiko organize */
  g_assert_cmpuint (count_of (with_team, 104), >, count_of (before, 104));
  g_assert_cmpuint (count_of (with_team, 105), >, count_of (before, 105));
  g_assert_cmpuint (count_of (with_team, 104), ==, count_of (all, 104));
  /* Not her team: only where a team member attends */
  g_assert_cmpuint (count_of (with_team, 106), <, count_of (all, 106));
  g_assert_cmpint (total_of (fixture, "/v2/bookings", "zoe.odegaard"), >, own);
  g_assert_cmpint (total_of (fixture, "/v2/bookings", "zoe.odegaard"), <,
                   total_of (fixture, "/v2/bookings", "sofia.rossi"));

  /* A plain team member sees no more than before */
  as_member = organizers_of (fixture, "aiko.tanaka");
  g_assert_cmpuint (count_of (as_member, 104), <, count_of (with_team, 104));

  deleted = sandbox_request (fixture, "DELETE", "/_sandbox/teams/8001", NULL, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  again = sandbox_request (fixture, "DELETE", "/_sandbox/teams/8001", NULL, NULL, NULL);
  g_assert_cmpuint (again->status, ==, 404);
  after = organizers_of (fixture, "zoe.odegaard");
  g_assert_cmpint (total_of (fixture, "/v2/bookings", "zoe.odegaard"), ==, own);
  g_assert_cmpuint (count_of (after, 104), ==, count_of (before, 104));
}

static void
test_team_admin_acts (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autofree char *jose = NULL;
  g_autofree char *liam = NULL;
  g_autofree char *jose_second = NULL;

  calbook_sandbox_set_now (fixture->sandbox, NOW_2030);
  jose = create_pending (fixture, JOSE_CONSULTATION, "2030-01-07T16:00:00Z");
  jose_second = create_pending (fixture, JOSE_CONSULTATION, "2030-01-08T16:00:00Z");
  liam = create_pending (fixture, LIAM_CONSULTATION, "2030-01-07T10:00:00Z");

  /* Without the team, Zoë may not */
  g_assert_cmpuint (confirm (fixture, jose, "zoe.odegaard"), ==, 403);

  put_team (fixture);
  g_assert_cmpuint (confirm (fixture, jose, "zoe.odegaard"), ==, 200);
  /* Not her team */
  g_assert_cmpuint (confirm (fixture, liam, "zoe.odegaard"), ==, 403);
  /* A plain team member may not act for another */
  g_assert_cmpuint (confirm (fixture, jose_second, "aiko.tanaka"), ==, 403);
}

static void
test_bad_team (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) unknown_user = sandbox_request (fixture, "PUT", "/_sandbox/teams/8001", NULL, NULL,
                                                          "{\"name\":\"X\",\"members\":[{\"userId\":999,\"role\":\"ADMIN\"}]}");
  g_autoptr(SandboxReply) bad_role = sandbox_request (fixture, "PUT", "/_sandbox/teams/8001", NULL, NULL,
                                                      "{\"name\":\"X\",\"members\":[{\"userId\":103,\"role\":\"BOSS\"}]}");
  g_autoptr(SandboxReply) no_name = sandbox_request (fixture, "PUT", "/_sandbox/teams/8001", NULL, NULL,
                                                     "{\"members\":[]}");

  g_assert_cmpuint (unknown_user->status, ==, 400);
  g_assert_cmpuint (bad_role->status, ==, 400);
  g_assert_cmpuint (no_name->status, ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/orgs/no-admin-api", test_no_admin_api);
  g_test_add_func ("/sandbox/orgs/team-admin-sees-team", test_team_admin_sees_team);
  g_test_add_func ("/sandbox/orgs/team-admin-acts", test_team_admin_acts);
  g_test_add_func ("/sandbox/orgs/bad-team", test_bad_team);

  return g_test_run ();
}
