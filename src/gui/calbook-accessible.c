/* calbook-accessible.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-accessible.h"

/*
 * Names that GTK 4.8 gets wrong over AT-SPI, put right:
 *
 * - A button with a mnemonic label is named from its "label" property and
 *   then from its label's text: "_Sign Out… Sign Out…". A button whose
 *   child is a box (a spinner beside a label), and a GtkMenuButton around
 *   its inner button, get no name at all and are read as "GtkButton" and
 *   "GtkMenuButton".
 * - An icon button inside a libadwaita widget (the password row's "Show
 *   Text") has only a tooltip, and is read as "GtkImage"; the About
 *   window's version button, a box with the version, is read "GtkButton".
 *
 * Names come from the text on screen, so they follow the translation and
 * any later change of it.
 */

static GtkWidget *
find_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label;

      if (GTK_IS_LABEL (child))
        return child;
      if ((label = find_label (child)) != NULL)
        return label;
    }

  return NULL;
}

/**
 * calbook_accessible_name_from_label:
 * @control: a button, a menu button, or another control showing a label
 *
 * Names @control by the text of the first label inside it, as it is
 * shown (without the mnemonic's underscore), and by nothing else.
 */
void
calbook_accessible_name_from_label (GtkWidget *control)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_WIDGET (control));

  label = find_label (control);
  g_return_if_fail (label != NULL);

  gtk_accessible_reset_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
}

static void
on_tooltip_changed_cb (GtkWidget  *button,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
}

static void
name_buttons_from_tooltips (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        {
          g_signal_connect (child, "notify::tooltip-text", G_CALLBACK (on_tooltip_changed_cb), NULL);
          on_tooltip_changed_cb (child, NULL, NULL);
        }
      name_buttons_from_tooltips (child);
    }
}

/**
 * calbook_accessible_name_from_tooltip:
 * @control: a widget with icon buttons inside (an #AdwPasswordEntryRow)
 *
 * Names each button inside @control by its tooltip, now and whenever the
 * tooltip changes ("Show Text", "Hide Text").
 */
void
calbook_accessible_name_from_tooltip (GtkWidget *control)
{
  g_return_if_fail (GTK_IS_WIDGET (control));

  name_buttons_from_tooltips (control);
}

static GtkWidget *
find_button_showing (GtkWidget  *widget,
                     const char *shown_text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child))
        {
          GtkWidget *label = find_label (child);

          if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), shown_text) == 0)
            return child;
        }
      if ((found = find_button_showing (child, shown_text)) != NULL)
        return found;
    }

  return NULL;
}

/**
 * calbook_accessible_name_button:
 * @root: a window or widget made by a library (an #AdwAboutWindow)
 * @shown_text: the text the button shows
 * @name: the name to read for it
 *
 * Names the button inside @root that shows @shown_text. Nothing happens
 * when there is none: the library may have named it itself.
 */
void
calbook_accessible_name_button (GtkWidget  *root,
                                const char *shown_text,
                                const char *name)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (shown_text != NULL);
  g_return_if_fail (name != NULL);

  button = find_button_showing (root, shown_text);
  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name, -1);
}
