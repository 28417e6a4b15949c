/**
 * Early stopping: the plan of successive-halving and Hyperband brackets (Li et al., JMLR 2018),
 * the assignment of a sweep's trials to brackets, and the synchronous rung-by-rung scheduler
 * that decides which trials are promoted and which are stopped. Pure logic: no training, no
 * files, no Spark.
 */
package io.sparksweep.stopping;
