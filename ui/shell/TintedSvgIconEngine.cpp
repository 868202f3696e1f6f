#include "TintedSvgIconEngine.h"

#include <QPainter>

TintedSvgIconEngine::TintedSvgIconEngine(const QByteArray &svg)
    : m_svg(svg)
{ }

void TintedSvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QPixmap image = pixmap((QSizeF(rect.size()) * ratio).toSize(), mode, state);
    image.setDevicePixelRatio(ratio);
    painter->drawPixmap(rect, image);
}

QPixmap TintedSvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State)
{
    const quint64 key
        = (quint64(size.width()) << 32) | (quint64(size.height()) << 1) | (mode == QIcon::Disabled);
    if (auto cached = m_cache.constFind(key); cached != m_cache.cend())
        return *cached;
    QPixmap image(size);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    if (mode == QIcon::Disabled)
        painter.setOpacity(0.4);
    QSvgRenderer(m_svg).render(&painter);
    painter.end();
    m_cache.insert(key, image);
    return image;
}

QIconEngine *TintedSvgIconEngine::clone() const
{
    return new TintedSvgIconEngine(m_svg);
}
