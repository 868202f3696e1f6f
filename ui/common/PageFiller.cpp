#include "PageFiller.h"

#include <utility>

PageFiller::PageFiller(Model model, QObject *parent)
    : QObject(parent)
    , m_model(std::move(model))
{
    m_next.setSingleShot(true);
    m_next.setInterval(0);
    connect(&m_next, &QTimer::timeout, this, &PageFiller::readOnce);
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
    m_wanted -= m_model.rowCount() - before;
    goOn(error.isEmpty() && m_wanted > 0 && !m_model.atEnd());
    if (!error.isEmpty())
        Q_EMIT failed(error);
}

void PageFiller::goOn(bool more)
{
    if (more) {
        m_next.start();
    } else {
        m_next.stop();
        m_wanted = 0;
    }
    if (std::exchange(m_filling, more) != more)
        Q_EMIT fillingChanged(more);
}
