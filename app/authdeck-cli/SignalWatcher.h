#pragma once

#include <QObject>

class QSocketNotifier;

/**
 * @brief Turns SIGINT and SIGTERM into a Qt signal, through a self-pipe (the handler only writes one
 *        byte), so that the event loop stops the server cleanly. One instance at a time.
 */
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void stopRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};
