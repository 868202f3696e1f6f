#include "Form.h"

#include "ui/shell/Theme.h"

#include <QCoreApplication>
#include <QDialog>
#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace Form {

QWidget *pageHeader(const QString &title, const QString &subtitle, QWidget *parent)
{
    auto *header = new QWidget(parent);
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *heading = new QLabel(title, header);
    heading->setObjectName(QStringLiteral("pageTitle"));
    heading->setAccessibleName(title);
    layout->addWidget(heading);
    if (!subtitle.isEmpty()) {
        auto *sub = new QLabel(subtitle, header);
        sub->setObjectName(QStringLiteral("pageSubtitle"));
        sub->setWordWrap(true);
        layout->addWidget(sub);
    }
    return header;
}

QWidget *scrollingContent(QWidget *page)
{
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(page);
    scroll->setObjectName(QStringLiteral("pageScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    return content;
}

QPushButton *backLink(const QString &text, QWidget *parent)
{
    QPushButton *back = button(text, QStringLiteral("link"), QStringLiteral("backButton"), parent);
    back->setIcon(Theme::instance().icon(QStringLiteral("arrow-left"), QStringLiteral("accentText")));
    return back;
}

QLabel *label(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setProperty("role", QStringLiteral("fieldLabel"));
    label->setBuddy(buddy);
    if (buddy && buddy->accessibleName().isEmpty()) {
        QString plain = text;
        buddy->setAccessibleName(plain.remove(QLatin1Char('&')));
    }
    return label;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setProperty("role", QStringLiteral("hint"));
    label->setWordWrap(true);
    return label;
}

QLabel *error(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setProperty("role", QStringLiteral("error"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

void setError(QLabel *error, QWidget *field, const QString &message)
{
    error->setText(message);
    error->setVisible(!message.isEmpty());
    if (field) {
        field->setProperty("invalid", !message.isEmpty());
        field->setAccessibleDescription(message);
        field->style()->unpolish(field);
        field->style()->polish(field);
    }
}

QLabel *section(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setProperty("role", QStringLiteral("section"));
    return label;
}

QFrame *card(QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setProperty("role", QStringLiteral("card"));
    return frame;
}

QPushButton *button(const QString &text, const QString &kind, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    if (!kind.isEmpty())
        setKind(button, kind);
    return button;
}

void fitDialog(QDialog *dialog, int width)
{
    dialog->ensurePolished();
    const int height = dialog->heightForWidth(width);
    dialog->setMinimumSize(width, height > 0 ? height : dialog->sizeHint().height());
    dialog->resize(dialog->minimumSize());
}

void setUpList(QTreeView *view)
{
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAllColumnsShowFocus(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

void setUpEmptyState(QLabel *label)
{
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setProperty("role", QStringLiteral("muted"));
}

void reveal(QWidget *field)
{
    QScrollArea *scroll = nullptr;
    int depth = 0;
    for (QWidget *ancestor = field->parentWidget(); ancestor && !scroll;
         ancestor = ancestor->parentWidget()) {
        scroll = qobject_cast<QScrollArea *>(ancestor);
        ++depth;
    }
    if (scroll && scroll->widget()) {
        // What changed above the field (a message bar just shown) moves it only once the layouts have run,
        // and a layout that grows asks its parent's on the next turn: settle them level by level, up to
        // and including the scroll area, before measuring.
        for (int level = 0; level <= depth; ++level)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        // The whole field with its error lines, not only its text cursor (as ensureWidgetVisible would).
        const QRect area(field->mapTo(scroll->widget(), QPoint(0, 0)), field->size());
        scroll->ensureVisible(
            area.center().x(), area.center().y(), area.width() / 2 + 24, area.height() / 2 + 24);
    }
    field->setFocus(Qt::OtherFocusReason);
}

void repolish(QWidget *widget)
{
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

void setKind(QPushButton *button, const QString &kind)
{
    button->setProperty("kind", kind);
    if (kind == QLatin1String("link"))
        button->setCursor(Qt::PointingHandCursor);
    button->style()->unpolish(button);
    button->style()->polish(button);
}

} // namespace Form
