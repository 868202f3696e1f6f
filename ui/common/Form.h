#pragma once

#include <QString>

class QDialog;
class QFrame;
class QLabel;
class QPushButton;
class QTreeView;
class QWidget;

/**
 * @brief Small builders for the pieces every page uses, so that pages look alike.
 */
namespace Form {

/// A page title and its one-line subtitle.
QWidget *pageHeader(const QString &title, const QString &subtitle, QWidget *parent = nullptr);
/// Makes @p page a scrolling page and returns the widget to lay its content out in.
QWidget *scrollingContent(QWidget *page);
/// The "Back to …" link at the top of a page.
QPushButton *backLink(const QString &text, QWidget *parent);
/// A bold field label, bound to @p buddy for keyboard access (text may hold an &-mnemonic).
QLabel *label(const QString &text, QWidget *buddy, QWidget *parent = nullptr);
/// A muted helper line under a field.
QLabel *hint(const QString &text, QWidget *parent = nullptr);
/// An inline error line, hidden until it has text.
QLabel *error(const QString &objectName, QWidget *parent = nullptr);
/// Sets or clears an inline error and marks @p field invalid with it.
void setError(QLabel *error, QWidget *field, const QString &message);
/// A section heading.
QLabel *section(const QString &text, QWidget *parent = nullptr);
/// A rounded card frame.
QFrame *card(QWidget *parent = nullptr);
/// A button styled as primary, danger or link.
QPushButton *
button(const QString &text, const QString &kind, const QString &objectName, QWidget *parent = nullptr);

/// Gives @p dialog the width @p width and the height its wrapped text needs at that width.
void fitDialog(QDialog *dialog, int width);

/// Sets up @p view as the pages' lists are: flat rows of equal height, whole rows selected, not editable.
void setUpList(QTreeView *view);
/// Sets up @p label as the centred, muted text shown in place of an empty list.
void setUpEmptyState(QLabel *label);

/// Brings @p field (with its error lines) into view in the scroll area around it, after pending layout
/// changes such as a message bar just shown above it, and gives it the keyboard focus (or its focus proxy):
/// the field a refused Save is about.
void reveal(QWidget *field);

/// Applies the style sheet again after a dynamic property (role, kind, invalid) changed.
void repolish(QWidget *widget);

/// Styles @p button as primary, danger or link, after it was created elsewhere (e.g. by a button box).
void setKind(QPushButton *button, const QString &kind);

} // namespace Form
