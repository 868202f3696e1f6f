#pragma once

class QAbstractButton;

#include <QDeadlineTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QWidget>

#include <functional>

/**
 * @brief Records a failed check inside a ModalAnswer handler and returns from the handler.
 *
 * QVERIFY cannot be used there: a failing QVERIFY in a lambda only returns from the lambda, and
 * the test would go on as if it had passed. The test checks the recorded failures afterwards with
 * UI_VERIFY_ANSWERED.
 */
#define UI_CHECK(failures, condition)                                                                        \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            (failures).append(QStringLiteral("line %1: %2").arg(__LINE__).arg(QLatin1String(#condition)));   \
            return;                                                                                          \
        }                                                                                                    \
    } while (false)

/// Fails the test when the ModalAnswer @p answer recorded a failure or never saw its dialog.
#define UI_VERIFY_ANSWERED(answer)                                                                           \
    do {                                                                                                     \
        QVERIFY2((answer).failures().isEmpty(), qPrintable((answer).failures().join(QLatin1Char('\n'))));    \
        QVERIFY2((answer).answered(), "the modal dialog never appeared");                                    \
    } while (false)

/**
 * @brief Answers the next modal dialog, which is shown by code that blocks in QDialog::exec().
 *
 * Create it right before the action that opens the dialog. From the next turn of the event loop
 * (QTimer::singleShot(0), so inside the dialog's own event loop) it looks for
 * QApplication::activeModalWidget() until one shows up or @p timeoutMs pass, then runs the handler
 * once with it. The handler records failed checks in the list it is given (see UI_CHECK). An empty
 * @p objectName accepts any modal widget (for Qt's own dialogs); the handler then checks its type.
 *
 * A dialog that is not the one expected, or that is still open after the handler returned, is
 * rejected, so that a failing test never hangs in exec(); both are recorded as failures.
 * Destroying the object stops any pending look-up.
 */
class ModalAnswer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(QWidget *modal, QStringList &failures)>;

    ModalAnswer(const QString &objectName, Handler handler, int timeoutMs = 5000);

    /// Whether a modal dialog showed up (the handler ran if it was the one expected).
    bool answered() const { return m_answered; }
    /// Whether the look-up has ended: answered, or timed out.
    bool isDone() const { return m_answered || m_timedOut; }
    QStringList failures() const { return m_failures; }

private:
    void poll();

    QString m_objectName;
    Handler m_handler;
    QDeadlineTimer m_deadline;
    bool m_answered = false;
    bool m_timedOut = false;
    QStringList m_failures;
};

namespace UiTest {

/// Closes @p modal: rejects it when it is a dialog.
void closeModal(QWidget *modal);

/// Replaces the text of a line edit or plain text edit by typing @p text, as the admin would.
void retype(QWidget *edit, const QString &text);

/// Clicks a check box or radio button on its indicator and label: a click on the empty rest of its row
/// does nothing.
void clickToggle(QAbstractButton *button);

} // namespace UiTest
