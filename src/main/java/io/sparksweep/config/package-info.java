/**
 * Sweep configs: {@code conf/*.json} read once into typed, validated values, and expanded into
 * the ordered list of trials.
 *
 * <p>The model: {@link io.sparksweep.config.TrainingField} is the one table of training fields,
 * each with its name, default, description and reader; a field's values are read into typed
 * values wherever they are given (under {@code training}, in a {@code grid} list, as a
 * {@code search} choice or bound). The grid is a list of typed value lists, one per field, the
 * search a list of typed distributions ({@code loguniform}, {@code uniform}, {@code intRange},
 * {@code choice}), the {@code stopping} section a {@link io.sparksweep.config.Stopping}. Closed
 * sets (activation, reduction, initialiser, schedule type, distribution kind, stopping type and
 * metric) are enums, read by their config names with "did you mean" on a near miss.
 *
 * <p>One field from the file to the trainer, {@code learningRate} for example, passes five hands
 * and never goes back:
 * <ol>
 *   <li>{@link io.sparksweep.config.ConfigLoader} (and {@code SearchReader}, its reader of the
 *       search section) reads {@code training.learningRate}, each {@code grid.learningRate[i]} or
 *       the {@code search.space.learningRate} distribution with
 *       {@link io.sparksweep.config.TrainingField#LEARNING_RATE}'s reader into typed values
 *       (the field's default when it is not given), reporting every problem by position;</li>
 *   <li>{@code GridExpander} (with {@code RandomSearch} drawing samples) takes one value per trial
 *       and puts it into the {@link io.sparksweep.nn.TrainingSettings} of the trial's
 *       {@link io.sparksweep.config.TrialConfig}, in a {@link io.sparksweep.config.Trial};</li>
 *   <li>{@code sweep.TrialRunner} (called by the sequential or the Spark backend, which move the
 *       trial unopened) passes {@code trial.config().training()} as it is to
 *       {@code nn.Trainer.train};</li>
 *   <li>{@code nn.Trainer} asks the schedule for each epoch's rate with
 *       {@code s.learningRate()};</li>
 *   <li>{@code nn.LearningRateSchedule.rateForEpoch} returns the rate of that epoch.</li>
 * </ol>
 * Fields of the network's shape ({@code hidden}, {@code activation}) and start ({@code init},
 * {@code initSigma}) take the same first two steps into the {@code TrialConfig}, whose
 * {@code hidden()}, {@code activation()} and {@code init()} {@code TrialRunner} gives to
 * {@code nn.Network.initialise}.
 */
package io.sparksweep.config;
