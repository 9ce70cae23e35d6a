/* calbook-input.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-input.h"

gboolean
calbook_input_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Deliberately loose (one "@", a dot in the domain, no spaces): Cal.com
 * and the mail server have the last word */
gboolean
calbook_input_is_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || strpbrk (text, " \t\r\n,;<>\"") != NULL)
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');

  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

gboolean
calbook_input_is_phone (const char *text)
{
  guint digits = 0;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+ ()-./", *p) == NULL)
        return FALSE;
    }

  return digits >= 6 && digits <= 15;
}

char *
calbook_input_dup_text (GtkEditable *editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

GStrv
calbook_input_split_emails (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,;]+", text != NULL ? text : "", 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

void
calbook_input_set_error (GtkWidget *widget,
                         gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

void
calbook_input_fix_button_names (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) plain = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      g_string_replace (plain, "_", "", 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      plain->str, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    calbook_input_fix_button_names (child);
}
