#pragma once

#include <QHash>
#include <QIconEngine>
#include <QSvgRenderer>

/**
 * @brief An icon drawn from SVG in one colour, rendered only at the sizes that are asked for.
 */
class TintedSvgIconEngine : public QIconEngine
{
public:
    /// @p svg is the icon's source with its colour already filled in.
    explicit TintedSvgIconEngine(const QByteArray &svg);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;

private:
    QByteArray m_svg;
    QHash<quint64, QPixmap> m_cache;
};
