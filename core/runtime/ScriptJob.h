#pragma once

#include "core/runtime/ScriptOutcome.h"

#include <QObject>
#include <QPointer>

class ActionRuntime;

/**
 * @brief One run or one syntax check of a custom action in flight, made by ActionRuntime.
 *
 * finished() is emitted exactly once and always asynchronously: never inside ActionRuntime::run(),
 * ActionRuntime::check() or cancel(), not even when Node.js is missing, so a caller can always connect
 * after receiving the job.
 *
 * Ownership: the job is a child of its ActionRuntime and deletes itself (deleteLater()) right after
 * finished(). A caller that wants to keep it reparents it (setParent()) to an object of its own before
 * it finishes; such a job is not deleted and belongs to the caller. Hold jobs in a QPointer. A job still
 * running when its runtime is destroyed is deleted with it without finished(), unless it was reparented:
 * then it finishes with Cancelled.
 */
class ScriptJob : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Run, ///< ActionRuntime::run()
        Check, ///< ActionRuntime::check()
    };

    /// A job deleted before it finished (possible only once reparented) is withdrawn from its runtime.
    ~ScriptJob() override;

    Kind kind() const { return m_kind; }
    /// The outcome; only meaningful once isFinished().
    const ScriptOutcome &outcome() const { return m_outcome; }
    /// True once finished() has been emitted.
    bool isFinished() const { return m_finished; }

    /**
     * @brief Stops the run (its JS thread is terminated) or drops it from the queue.
     *
     * The job finishes with Cancelled, asynchronously like always. Does nothing once the job has an outcome.
     */
    void cancel();

Q_SIGNALS:
    /// Emitted exactly once; the job deleteLater()s itself afterwards unless it was reparented.
    void finished(const ScriptOutcome &outcome);
    /// cancel() was called before the job had an outcome: its runtime stops it (connected by the runtime).
    void cancelRequested(ScriptJob *job);
    /// The job is being deleted before it had an outcome: its runtime forgets it (connected by the runtime).
    void abandoned(ScriptJob *job);

private:
    friend class ActionRuntime;

    /// A job of @p runtime, its parent until reparented; null for a job that finishes on its own.
    ScriptJob(Kind kind, int id, QObject *runtime);

    int id() const { return m_id; }
    /// True once an outcome is set (finished() may still be pending).
    bool hasOutcome() const { return m_hasOutcome; }
    /// Sets the outcome and emits finished() on the next turn of the event loop; later calls are ignored.
    void finish(const ScriptOutcome &outcome);

    Kind m_kind;
    int m_id;
    QPointer<QObject> m_runtime; ///< the runtime that created the job
    ScriptOutcome m_outcome;
    bool m_hasOutcome = false;
    bool m_finished = false;
};
