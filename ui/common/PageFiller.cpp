#include "PageFiller.h"

#include <utility>

PageFiller::PageFiller(Model model, QObject *parent)
    : QObject(parent)
    , m_model(std::move(model))
{
    m_next.setSingleShot(true);
    m_next.setInterval(0);
    connect(&m_next, &QTimer::timeout, this, &PageFiller::readOnce);
    m_settled.setSingleShot(true);
    m_settled.setInterval(0);
    connect(&m_settled, &QTimer::timeout, this, [this] { goOn(false); });
}

void PageFiller::fillLater(int rows)
{
    m_wanted = rows;
    goOn(rows > 0 && !m_model.atEnd());
}

void PageFiller::fillNow(int rows)
{
    m_wanted = rows;
    readOnce();
}

void PageFiller::readOnce()
{
    const int before = m_model.rowCount();
    const QString error = m_model.readOn();
    const int added = m_model.rowCount() - before;
    m_wanted -= added;
    if (error.isEmpty() && m_wanted > 0 && !m_model.atEnd())
        return goOn(true);
    if (error.isEmpty() && added > 0)
        return settle();
    goOn(false);
    if (!error.isEmpty())
        Q_EMIT failed(error);
}

void PageFiller::settle()
{
    m_next.stop();
    m_wanted = 0;
    m_settled.start();
    setFilling(true);
}

void PageFiller::goOn(bool more)
{
    m_settled.stop();
    if (more) {
        m_next.start();
    } else {
        m_next.stop();
        m_wanted = 0;
    }
    setFilling(more);
}

void PageFiller::setFilling(bool filling)
{
    if (std::exchange(m_filling, filling) != filling)
        Q_EMIT fillingChanged(filling);
}
