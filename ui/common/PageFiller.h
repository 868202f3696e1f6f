#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

/**
 * @brief Fills a list model's page read by read from the event loop, so that no read blocks the window for
 *        long: the model bounds each read (UserPage::examineAtMost, LogFilter::examineAtMost), this goes on
 *        until the page has the rows it wants, the list has no more, or a read fails.
 *
 * The model hands it how to read once (appending rows; an error text, empty on success), how many rows it
 * holds, and whether the list is at its end. While filling, the model's canFetchMore() should say no, so
 * that a view's own fetch does not start a second fill. It stays filling for one more turn of the event
 * loop after the page is full: QTreeView fetches whenever it lays rows out, and the rows just read are laid
 * out in that turn, which would otherwise read a second page nobody scrolled to.
 */
class PageFiller : public QObject
{
    Q_OBJECT

public:
    struct Model
    {
        std::function<QString()> readOn; ///< appends the next read's rows; the error text
        std::function<int()> rowCount;
        std::function<bool()> atEnd;
    };

    explicit PageFiller(Model model, QObject *parent = nullptr);

    /// Wants @p rows more rows, read first from the event loop (after a reset: the view lays out first).
    void fillLater(int rows);
    /// Wants @p rows more rows, the first read now (a view asked for them).
    void fillNow(int rows);
    /// Drops what the page still wanted.
    void stop() { goOn(false); }
    bool isFilling() const { return m_filling; }
    /// How many rows the page being filled still wants (0 when not filling): the next read's limit.
    int wanted() const { return m_wanted; }

Q_SIGNALS:
    /// isFilling() changed.
    void fillingChanged(bool filling);
    /// A read failed; filling stopped.
    void failed(const QString &error);

private:
    void readOnce();
    void goOn(bool more);
    /// Stops filling once the turn of the event loop that lays the new rows out is over.
    void settle();
    void setFilling(bool filling);

    Model m_model;
    QTimer m_next; ///< the next read, from the event loop
    QTimer m_settled; ///< the end of the fill, one turn after the page is full
    int m_wanted = 0;
    bool m_filling = false;
};
