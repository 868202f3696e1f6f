#include "ActionCardItem.h"

#include "ui/shell/Theme.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPainter>

ActionCardItem::ActionCardItem(const ActionRef &action, int version, QGraphicsItem *parent)
    : QGraphicsObject(parent)
    , m_action(action)
    , m_version(version)
{
    setFlags(ItemIsFocusable | ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::OpenHandCursor);
    updateToolTip();
}

void ActionCardItem::setAction(const ActionRef &action)
{
    m_action = action;
    updateToolTip();
    update();
}

void ActionCardItem::updateToolTip()
{
    setToolTip(m_action.problem.isEmpty() ? m_action.subtitle
                                          : m_action.subtitle + QLatin1Char('\n') + m_action.problem);
}

QRectF ActionCardItem::boundingRect() const
{
    return QRectF(-Width / 2 - 3, -3, Width + 6, Height + 6);
}

void ActionCardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const Theme &theme = Theme::instance();
    const bool focused = hasFocus() || isSelected();
    const bool warn = !m_action.complete || !m_action.available;
    const QRectF card(-Width / 2, 0, Width, Height);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(theme.color(focused    ? QStringLiteral("accent")
                                         : warn ? QStringLiteral("warning")
                                                : QStringLiteral("border")),
                         focused ? 2.0 : 1.0));
    painter->setBrush(theme.color(m_hovered ? QStringLiteral("hover") : QStringLiteral("surface")));
    painter->drawRoundedRect(card, 10, 10);

    // Kind icon.
    const QRectF iconRect(card.left() + 14, card.top() + 18, 32, 32);
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme.color(QStringLiteral("accentSoft")));
    painter->drawRoundedRect(iconRect, 8, 8);
    theme
        .icon(m_action.kind == Binding::Kind::Integration ? QStringLiteral("library")
                                                          : QStringLiteral("type-m2m"),
              QStringLiteral("accent"))
        .paint(painter, iconRect.adjusted(6, 6, -6, -6).toRect());

    QFont title = QApplication::font();
    title.setBold(true);
    painter->setFont(title);
    painter->setPen(theme.color(QStringLiteral("text")));
    const qreal textLeft = iconRect.right() + 12;
    const qreal textWidth = card.right() - textLeft - 30;
    const QFontMetricsF titleMetrics(title);
    painter->drawText(QPointF(textLeft, card.top() + 28),
                      titleMetrics.elidedText(m_action.name, Qt::ElideRight, textWidth));

    QFont small = QApplication::font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    painter->setFont(small);
    painter->setPen(theme.color(warn ? QStringLiteral("warning") : QStringLiteral("muted")));
    QString subtitle = warn ? m_action.problem : m_action.subtitle;
    if (m_version > 0)
        subtitle += QStringLiteral(" · v%1").arg(m_version);
    painter->drawText(QPointF(textLeft, card.top() + 48),
                      QFontMetricsF(small).elidedText(subtitle, Qt::ElideRight, textWidth));

    if (warn) {
        theme.icon(QStringLiteral("alert"), QStringLiteral("warning"))
            .paint(painter, QRect(int(card.right() - 30), int(card.top() + 24), 18, 18));
    }
}

void ActionCardItem::keyPressEvent(QKeyEvent *event)
{
    const bool alt = event->modifiers() & Qt::AltModifier;
    if (alt && event->key() == Qt::Key_Up)
        Q_EMIT moveRequested(m_index, m_index - 1);
    else if (alt && event->key() == Qt::Key_Down)
        Q_EMIT moveRequested(m_index, m_index + 1);
    else if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)
        Q_EMIT removeRequested(m_index);
    else if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        Q_EMIT openRequested(m_index);
    else
        return QGraphicsObject::keyPressEvent(event);
    event->accept();
}

void ActionCardItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressedAt = event->scenePos();
    setFocus(Qt::MouseFocusReason);
    QGraphicsObject::mousePressEvent(event);
}

void ActionCardItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if ((event->buttons() & Qt::LeftButton)
        && (event->scenePos() - m_pressedAt).manhattanLength() >= QApplication::startDragDistance())
        Q_EMIT dragStarted(m_index);
}

void ActionCardItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    Q_EMIT openRequested(m_index);
    event->accept();
}

void ActionCardItem::focusInEvent(QFocusEvent *event)
{
    update();
    QGraphicsObject::focusInEvent(event);
}

void ActionCardItem::focusOutEvent(QFocusEvent *event)
{
    update();
    QGraphicsObject::focusOutEvent(event);
}

void ActionCardItem::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = true;
    update();
}

void ActionCardItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    update();
}
